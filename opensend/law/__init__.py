"""The statutory rules of the SEND system as pure functions.

No Django import anywhere in this package (DESIGN "The shape of the code"): the rules can be
read, cited, tested and trusted on their own. Every rule cites its source in a comment.
Counting (DESIGN "Time"): N weeks after an event is event + 7N days; "at least 15 days
beginning with the day served" ends on served + 14; months are calendar months, and
29 February plus 12 months is 28 February. An exception never moves a date: it is reported.
"""
