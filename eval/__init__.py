"""The accuracy benchmark: real articles with a truth written by reading each page, and its scoring."""
