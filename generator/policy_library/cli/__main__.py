"""`python -m policy_library.cli`: the `library` command."""

from policy_library.cli.main import main

raise SystemExit(main())
