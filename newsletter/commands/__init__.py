"""What editors run (`python3 build_newsletter.py …`): the command line (`cli`), and one
module per command or group of commands. The only stage that prints or exits."""
