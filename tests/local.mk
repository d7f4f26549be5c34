# Tests: Criterion unit and end-to-end tests, fixture plugins, shell checks.
