/* The program spawn and fork+execve start: it does nothing, at once. */
int
main(void)
{
	return 0;
}
