"""The editors' review queue: suggestions extracted from press releases, accepted, merged or rejected."""
