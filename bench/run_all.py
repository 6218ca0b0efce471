"""Run every bench script in bench/ in turn (`make bench`) and print their figures.

A bench script is any bench/*.py whose name does not start with an underscore (helpers)
and is not this runner. Each runs in its own process; the runner fails if any failed.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def scripts() -> list[Path]:
    return sorted(
        path
        for path in HERE.glob("*.py")
        if not path.name.startswith("_") and path.name != Path(__file__).name
    )


def main() -> int:
    failed = []
    for script in scripts():
        print(f"\n=== bench/{script.name}", flush=True)
        if subprocess.run([sys.executable, str(script)], cwd=HERE.parent).returncode:
            failed.append(script.name)
    if failed:
        print(f"\nbench scripts that failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
