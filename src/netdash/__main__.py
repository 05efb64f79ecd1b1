from netdash.cli import main

main()
