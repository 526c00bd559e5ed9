"""Timeline viewer: chronologies of news events with quotes anchored in their sources."""
