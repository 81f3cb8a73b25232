from sec13d.cli import main

raise SystemExit(main())
