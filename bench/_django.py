"""The environment the benches run the portal in: production's settings on one machine."""

import os


def production_environment(database_url: str, **overrides: str) -> None:
    """DEBUG off, Redis for the cache and every counter, the certificate limits on at rates no
    bench reaches (their code path is measured), and /bench/hello, Django's hello-world on the
    same stack, for the side-by-side ratios. ``overrides`` adds to it or replaces."""
    os.environ.update(
        {
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "portal.settings.base",
            "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-secret-key-" + "x" * 40),
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "LOG_LEVEL": "WARNING",
            # Production counts the limits in Redis (the settings refuse DEBUG=0 without it).
            "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
            "CERTIFICATE_VERIFY_RATE": "100000000/m",
            "CERTIFICATE_VERIFY_NUMBER_RATE": "100000000/m",
            "BENCH_HELLO": "1",
            **overrides,
        }
    )
