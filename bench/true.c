/* The trivial program bench spawns: it exits at once with status 0. */
int
main(void)
{
	return 0;
}
