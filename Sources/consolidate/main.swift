import ConsolidateCore
print("placeholder")
