"""Programme and quick-win tables: recognise them, parse their cells, extract one dataset."""
