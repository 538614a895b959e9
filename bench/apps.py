from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark's commands and ceiling view; installed only with
    NEWSROOM_BENCH set."""

    name = "bench"
    verbose_name = "Benchmark"
