from newsml_tools.cli import main

main()
