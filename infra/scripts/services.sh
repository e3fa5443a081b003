# The four services and their default ports, in start order (consumers first, then the producer).
SERVICES=(enrollment infusion-tracking safety registry)
declare -A SERVICE_PORT=([registry]=3001 [enrollment]=3002 [infusion-tracking]=3003 [safety]=3004)
