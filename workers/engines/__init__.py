"""Translation engines behind one interface (see :mod:`workers.engines.engine`)."""
