# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How fast the machine itself is, moment by moment, during a benchmark.

On a shared virtual machine the same pure-Python loop can take twice as
long from one second to the next (measured here: 0.115-0.221 s of CPU time
for the same 1.5 M dict updates on an idle machine). A rate compared across
a 30-minute run, or between two runs, then measures the host as much as the
code. A sampler process times a small fixed piece of CPU work (~20 ms every
half second, about 4 % of one core) and records the CPU time it took; the
machine speed over an interval is the median speed of the samples in it,
relative to the median of the whole run.

``adjusted = seconds * speed(t0, t1)`` is then the time the interval would
have taken at the run's median machine speed. Benchmarks print the raw
figure and say when they also give the adjusted one.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

# The sampler: CPU time of a fixed loop, every `period` seconds.
_LOOP = r"""
import sys, time
period = float(sys.argv[1])
out = open(sys.argv[2], "w", buffering=1)
while True:
    started = time.process_time()
    data = {}
    for i in range(150000):
        data[i % 1000] = data.get(i % 1000, 0) + i
    out.write("%.3f %.6f\n" % (time.time(), time.process_time() - started))
    time.sleep(period)
"""


class MachineSpeed(object):
    """A running sampler; use as a context manager around the benchmark."""

    def __init__(self, period=0.5):
        self.period = period
        self.path = None
        self.proc = None
        self.samples = []

    def __enter__(self):
        handle, self.path = tempfile.mkstemp(prefix="machine_speed_", suffix=".txt")
        os.close(handle)
        self.proc = subprocess.Popen([sys.executable, "-c", _LOOP, str(self.period), self.path])
        return self

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait(10)
        self.samples = self._read()
        os.unlink(self.path)
        return False

    def _read(self):
        samples = []
        with open(self.path) as handle:
            for line in handle:
                parts = line.split()
                if len(parts) == 2 and float(parts[1]) > 0:
                    samples.append((float(parts[0]), float(parts[1])))
        return samples

    def _samples(self):
        return self.samples if self.proc.poll() is not None else self._read()

    def speed(self, start, end):
        """Machine speed over [start, end] (wall-clock seconds since the
        epoch) relative to the whole run's median: 1.0 = a median moment,
        0.6 = the CPU did 60 % of the usual work per second. None without
        samples in the interval."""
        samples = self._samples()
        inside = [cost for stamp, cost in samples if start <= stamp <= end]
        if not inside or not samples:
            return None
        return statistics.median(cost for _stamp, cost in samples) / statistics.median(inside)

    def median_ms(self):
        """Median cost of the fixed work in ms: compares runs of different days."""
        costs = [cost for _stamp, cost in self._samples()]
        return statistics.median(costs) * 1000 if costs else 0.0

    def spread(self):
        """(fastest, slowest) sample cost in ms: how much the machine moved."""
        costs = [cost for _stamp, cost in self._samples()]
        return (min(costs) * 1000, max(costs) * 1000) if costs else (0.0, 0.0)


def adjusted_seconds(speed, start, end):
    """`end - start` at the run's median machine speed (raw when unknown)."""
    factor = speed.speed(start, end)
    return (end - start) * (factor if factor else 1.0)


if __name__ == "__main__":
    # python bench/machine_speed.py 30: how much this machine moves in 30 s
    with MachineSpeed() as sampler:
        time.sleep(float(sys.argv[1]) if len(sys.argv) > 1 else 20)
    fastest, slowest = sampler.spread()
    print("%d samples, %.1f-%.1f ms for the same work (median %.1f)" % (
        len(sampler.samples), fastest, slowest, sampler.median_ms()))
