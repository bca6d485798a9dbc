"""Manufacturing-execution features beyond boxes: downtime and OEE, SPC, handovers, labels."""
