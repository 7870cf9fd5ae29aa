"""Helpers that sandboxed code can import; they reach the host through the runner's channel."""
