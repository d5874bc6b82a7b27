"""Tiny random-weight models built on this machine, for plumbing tests and demos.

They load through exactly the same ``from_pretrained`` path as real models, but their output
is noise: they prove that the pipeline runs, never that it translates well.
"""
