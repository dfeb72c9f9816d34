"""Services: the use cases that combine providers, the rubric and grounding."""
