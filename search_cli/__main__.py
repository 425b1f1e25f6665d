from search_cli.entry import main

main()
