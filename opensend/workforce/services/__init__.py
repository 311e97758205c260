"""Every change to workforce records (issue 10). Each area is its own module."""
