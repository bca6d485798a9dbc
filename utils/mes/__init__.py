"""Shop-floor features beyond boxes (issue 15): downtime and OEE, SPC, shift handover, labels."""
