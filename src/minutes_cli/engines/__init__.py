"""Engines run one job over many inputs. ``local`` uses this machine's cores."""
