from zonewarden.cli.main import run

run()
