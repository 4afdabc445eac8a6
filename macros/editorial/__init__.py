"""Editorial rules as a feature: readability, quiz item writing, markup in content text."""
