"""What every package needs to know about the docs tree: Markdown fences and code spans, the URL a
Markdown file becomes, and writing output files atomically. Standard library only, so that the link
checker's entry point can use it before its virtualenv exists."""
