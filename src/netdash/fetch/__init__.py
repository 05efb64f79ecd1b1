"""Public counts and follower lists over HTTPS. The only part of netdash that uses the network."""
