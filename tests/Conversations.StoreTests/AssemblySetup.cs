// The classes share one PostgreSQL server, one Azurite and two CPU cores; several Orleans test
// clusters starting at once would mostly measure contention, so classes run one after the other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
