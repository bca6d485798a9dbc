"""What a plant runs on beyond boxes (issue 15): downtime and OEE, SPC, handovers, labels."""
