"""Real libraries mapped onto the contract (see the README and `concurrency-spec matrix`)."""
