/* The seed's test program: greets, then prints each argument on a line. */
#include "libnexus.h"

int
main(int argc, char **argv)
{
	nx_print("Hello from a dynamically loaded ELF!\n");
	for (int i = 1; i < argc; i++) {
		nx_print(argv[i]);
		nx_print("\n");
	}
	return 0;
}
