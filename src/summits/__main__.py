from summits.cli import main

main()
