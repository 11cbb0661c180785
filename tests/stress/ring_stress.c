/*
 * The SPSC ring under ThreadSanitizer: one producer thread, one consumer
 * thread, ten million items through a 64-slot ring in a page, checked for
 * order and count.  Batches of varying size exercise wrap-around and the
 * full and empty edges, both ways of producing (one push at a time; slots
 * filled in place, then published together) and of consuming (a copy and
 * a release per item; read in place, released together).
 *
 * A ring bug can as well make the two threads wait for each other for
 * ever, and a hang must fail `make test`, not stall it: a watchdog (the
 * SIGALRM handler) fails the run when no item has moved for a minute.  It
 * measures progress, not speed, so a slow, loaded machine still passes.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ring.h"

#define ITEMS 10000000ull
#define WATCH_SECONDS	10	/* between the watchdog's looks */
#define WATCH_STALLS	6	/* looks without progress before it fails */

struct item {
	uint64_t seq;
	uint64_t check;
};

static _Alignas(4096) uint8_t page[4096];
static uint64_t consumed;	/* items the consumer has taken, for the watchdog */

static uint64_t
mix(uint64_t v)
{
	return v * 0x9e3779b97f4a7c15ull ^ (v >> 29);
}

static void *
producer(void *arg)
{
	struct ring r;

	(void)arg;
	ring_attach(&r, page, 64, sizeof(struct item), 1);
	for (uint64_t i = 0; i < ITEMS;) {
		uint32_t want = 1 + (uint32_t)(mix(i) % 40), room;

		if (i / 1000 % 2 == 0) {
			struct item it = { i, mix(i) };

			if (ring_push(&r, &it))
				i++;
			else
				sched_yield();	/* full: let it drain */
			continue;
		}
		room = ring_space(&r);
		if (room == 0) {
			sched_yield();
			continue;
		}
		if (want > room)
			want = room;
		for (uint32_t k = 0; k < want && i + k < ITEMS; k++) {
			struct item *it = ring_at(&r, k);

			it->seq = i + k;
			it->check = mix(i + k);
		}
		if (i + want > ITEMS)
			want = (uint32_t)(ITEMS - i);
		ring_publish(&r, want);
		i += want;
	}
	return NULL;
}

static void *
consumer(void *arg)
{
	struct ring r;
	uint64_t *bad = arg;

	ring_attach(&r, page, 64, sizeof(struct item), 0);
	for (uint64_t want = 0; want < ITEMS;) {
		int64_t n = ring_count(&r);

		if (n < 0) {
			(*bad)++;
			return NULL;
		}
		if (n == 0)
			sched_yield();	/* empty: let the producer run */
		if (want / 777 % 2) {
			/* Read a batch in place, then release it in one go. */
			for (int64_t k = 0; k < n; k++, want++) {
				const struct item *it = ring_at(&r, (uint32_t)k);

				if (it->seq != want || it->check != mix(want))
					(*bad)++;
			}
			ring_release(&r, (uint32_t)n);
			__atomic_store_n(&consumed, want, __ATOMIC_RELAXED);
			continue;
		}
		for (int64_t k = 0; k < n; k++, want++) {
			struct item it;

			ring_peek(&r, &it);
			ring_release(&r, 1);
			if (it.seq != want || it.check != mix(want))
				(*bad)++;
		}
		__atomic_store_n(&consumed, want, __ATOMIC_RELAXED);
	}
	return NULL;
}

/* Only async-signal-safe calls here: write, _exit, alarm. */
static void
watchdog(int sig)
{
	static uint64_t last;
	static int stalls;
	static const char msg[] = "ring stress: no item moved for "
	    "a minute: the ring is stuck\n0 passed, 1 failed\n";
	uint64_t now = __atomic_load_n(&consumed, __ATOMIC_RELAXED);

	(void)sig;
	stalls = now == last ? stalls + 1 : 0;
	last = now;
	if (stalls >= WATCH_STALLS) {
		if (write(STDOUT_FILENO, msg, sizeof(msg) - 1) < 0)
			_exit(2);
		_exit(1);
	}
	alarm(WATCH_SECONDS);
}

int
main(void)
{
	pthread_t p, c;
	uint64_t bad = 0;
	struct sigaction sa;

	/* sigaction, not signal(): the handler must stay for every alarm. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = watchdog;
	sigaction(SIGALRM, &sa, NULL);
	alarm(WATCH_SECONDS);
	ring_format(page, 64, sizeof(struct item));
	pthread_create(&c, NULL, consumer, &bad);
	pthread_create(&p, NULL, producer, NULL);
	pthread_join(p, NULL);
	pthread_join(c, NULL);
	alarm(0);
	if (bad) {
		printf("ring stress: %llu items out of order or corrupt\n",
		    (unsigned long long)bad);
		printf("0 passed, 1 failed\n");
		return 1;
	}
	printf("ring stress: %llu items in order\n", ITEMS);
	printf("1 passed, 0 failed\n");
	return 0;
}
