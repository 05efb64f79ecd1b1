"""netdash: a private journal of real relationships, shown beside your follower counts."""

__version__ = "0.1.0"
