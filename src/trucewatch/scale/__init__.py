"""Running the pipeline on an existing distributed engine (Apache Spark) when one machine is not enough."""
