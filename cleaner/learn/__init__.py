"""Learning: find the lines that recur on the pages of one site and write them down as a rule pack.

`family` turns a line into its family (numbers, dates and times made variable) and the
anchored pattern of that family; `site` counts the families on a site's cleaned pages and
decides which become rules and which are only reported; `pack` writes and checks the TOML
pack. `cleaner.run.learning` drives it over a batch (`newsclean learn`, `--learn-sites`).
"""
