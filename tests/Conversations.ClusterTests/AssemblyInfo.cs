// Each test runs whole clusters of processes on a 2-core machine: one at a time, or their timings mean nothing.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
