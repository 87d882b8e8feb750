"""The editorial workflow: scaffold a project, send forms, take in submissions, report status."""
