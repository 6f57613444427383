"""Allow ``python -m govinfo_report`` (same as the ``govinfo-report`` console script)."""

from govinfo_report.cli import main

raise SystemExit(main())
