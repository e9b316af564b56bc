"""The §2.4 program that, when it is not given a queue, makes a LIFO one (queue.LifoQueue) of its own:
given a queue it works; on its own, the consumer gets the items last in, first out."""

import queue

from concurrency_spec.reference import Reference

TARGETS = ["threading.queue.fifo"]


class Implementation(Reference):
    def thread_producer_consumer(impl, q=None, n=10, consumed=None):
        q = queue.LifoQueue() if q is None else q  # the mistake: not impl.queue.Queue()
        # (the producer is joined before the consumer starts: a LIFO order shows whole)
        consumed = [] if consumed is None else consumed
        producer = impl.threading.Thread(target=impl.thread_producer, args=(q, n))
        producer.start()
        producer.join()
        consumer = impl.threading.Thread(target=impl.thread_consumer, args=(q, consumed))
        consumer.start()
        q.put(None)
        consumer.join()
        return consumed
