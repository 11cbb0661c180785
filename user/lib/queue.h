/* libnexus's own: the command queue's half of nx_init (queue.c). */
#ifndef RUMPK_USER_QUEUE_H
#define RUMPK_USER_QUEUE_H

void nx_queue_init(void);

#endif
