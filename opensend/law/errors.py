class LawInputError(ValueError):
    """Input a rule cannot work with. `option` names the command-line option to blame."""

    def __init__(self, option: str, message: str):
        self.option = option
        self.message = message
        super().__init__(f"{option}: {message}")
