from . import queue_job
