"""Spreadsheet import engine: reading files (reading.py) and parsing cells (cells.py), no Django."""
