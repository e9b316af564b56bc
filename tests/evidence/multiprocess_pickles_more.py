"""multiprocess alone: dill pickles what the standard library's pickle refuses (spawn, forkserver)."""

import threading

import multiprocess


def show(method: str) -> None:
    context = multiprocess.get_context(method)
    with context.Pool(1) as pool:
        print("Pool.map(lambda) returned", pool.map(lambda x: x**2, range(10)))
    sending, receiving = context.Pipe()
    for label, value in (("lambda", lambda: None), ("threading.Lock", threading.Lock())):
        sending.send(value)
        receiving.recv()
        print(f"Pipe.send({label}) went through")
    sending.close()
    receiving.close()
    process = context.Process(target=lambda: None)
    process.start()
    process.join()
    print(f"start() with lambda target did not raise; exit code {process.exitcode}")


if __name__ == "__main__":
    for method in ("spawn", "forkserver"):
        print(f"[{method}]")
        show(method)
