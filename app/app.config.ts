export default defineAppConfig({
  ui: {
    colors: {
      primary: 'yellow',
      secondary: 'sky',
      neutral: 'navy',
    },
    button: {
      compoundVariants: [
        // Yellow needs dark text to stay readable in both colour modes.
        { color: 'primary', variant: 'solid', class: 'text-navy-950 hover:bg-primary/80 disabled:bg-primary aria-disabled:bg-primary' },
      ],
    },
  },
})
