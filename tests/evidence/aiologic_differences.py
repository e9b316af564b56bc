"""aiologic alone: its BoundedSemaphore raises RuntimeError on over-release, its queues have no
task_done() nor join(), and its Lock pickles (so it can be sent to another process)."""

import multiprocessing
import pickle

import aiologic

if __name__ == "__main__":
    try:
        aiologic.BoundedSemaphore(1).release()
    except Exception as error:  # noqa: BLE001 - the type is the point
        print(f"BoundedSemaphore(1).release() raises {type(error).__name__}: {error}")
    for name in ("Queue", "PriorityQueue"):
        queue = getattr(aiologic, name)()
        print(f"aiologic.{name}: task_done {hasattr(queue, 'task_done')}, join {hasattr(queue, 'join')}")
    print(f"pickle.dumps(aiologic.Lock()) gives {len(pickle.dumps(aiologic.Lock()))} bytes")
    sending, receiving = multiprocessing.get_context("spawn").Pipe()
    sending.send(aiologic.Lock())
    print(f"Pipe.send(aiologic.Lock()) went through: received {type(receiving.recv()).__name__}")
    process = multiprocessing.get_context("spawn").Process(target=print, args=(aiologic.Lock(),))
    process.start()
    process.join()
    print(f"spawn Process(args=(aiologic.Lock(),)).start() did not raise; exit code {process.exitcode}")
