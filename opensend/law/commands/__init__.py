"""Command-line glue for each rule: parse options, call the rule, return its result."""
