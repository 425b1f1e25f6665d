from search_cli.main import cli

cli()
