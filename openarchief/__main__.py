"""`python -m openarchief`: the command line."""

from openarchief.cli import main

main()
